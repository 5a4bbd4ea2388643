class V:
    def __init__(self, x=3):
        self.n = None
        self.b = True
        self.i = 7
        self.big = 100000
        self.f = 1.5
        self.g = float(x)
        self.s = 'constant'
        self.l = []
        self.l3 = [x, x, x]
        self.t = (x, x)
        self.tc = (1, 2)
