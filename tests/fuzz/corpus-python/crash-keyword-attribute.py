class C:
    def __init__(self):
        self.start = 0
        if False:
            self.a = 1
        if 0:
            self.b = 1
        elif True:
            self.b2 = 1
        else:
            self.b3 = 1
        while False:
            self.c = 1
        if None:
            self.d = 1
        if True:
            tinue
            self.never = 0
        for x0in ():
            self.with  = 0
        self.end = 0
        return
        self.h = 1
    def m(self):
        if False:
            self.i = 1
