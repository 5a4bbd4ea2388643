class A:
    def __init__(self):
        self.a = 0
class First(A):
    def __init__(self):
        super().__init__()
        self.b = 0
class Middle(A):
    def __init__(self):
        self.b = 0
        super(Middle, self).__init__()
        self.c = 0
class Last(A):
    def __init__(self):
        self.b = 0
        A.__init__(self)
class Both(First, Middle):
    pass
