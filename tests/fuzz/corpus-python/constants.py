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
            pass
        else:
            self.e = 1
        if not True:
            self.f = 1
        for i in range(3):
            self.loop = i
            if i:
                break
            self.after = 0
        for self.t in 'ab':
            continue
            self.never = 0
        for x in ():
            self.empty = 0
        self.end = 0
        return
        self.h = 1
    def m(self):
        if False:
            self.i = 1
