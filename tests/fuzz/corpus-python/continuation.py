class C(
    object):
    def __init__(self,
                 a=1):
        self.a = \
            a; self.b = [x
  for x in ()]
        self.c, *self.d = 1, 2, 3
