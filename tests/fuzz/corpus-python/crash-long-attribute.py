class Cs C(
    object):
    def __init(__eslf,
                 a=1):
        self.wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwuwwwpppvarspppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppwwa = \
 ;           a; self.b =  :
    cla__setattr__[T]
