class T:
    __slots__ = ('a', 'b',)
class L:
    __slots__ = ['a', '__dict__']
class S:
    __slots__ = 'only'
class D:
    __slots__ = {'a': 'the a', 'b': """the b""", '__weakref__': None}
class E(T):
    __slots__ = ()
class Bad:
    __slots__ = ('__x', 'y', 'z', 'w', 'v')
    def __init__(self):
        self.__x = f"{self!r:>{10}}"
        self.y = [1, 2, 3]
        self.z = (self, 1)
        self.w = 1.5
        self.v = float(3)
