import sys
class A:
    def __init__(self):
        self.b = 1; self.__p = 2; self.a = 3
        if 0:
            self.zz = 1
        def inner():
            self.nested = 1
    def other(this):
        this.notself = 1
        self.weird = 1
    @property
    def q(self): return 1
    @q.setter
    def q(self, v): self._q = v
    class Inner:
        def f(self): self.innerattr = 1
print(sys.version.split()[0], getattr(A, '__static_attributes__', None), getattr(A.Inner, '__static_attributes__', None))
print(A.__dict__.keys())
