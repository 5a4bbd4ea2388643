class C:
    def __init__(self, flag=True):
        self.a = 0
        if flag:
            self.both = 1
            self.only_if = 1
        elif flag is None:
            self.both = 2
        else:
            self.both = 3
        while False:
            self.looped = 0
        try:
            self.z = 0
        except Exception:
            self.failed = 0
        finally:
            pass
    def reset(self):
        self.cache = None
