class C:
    def __init__(self):
        for n in 'ab':
            setattr(self, n, 0)
