class C:
    def __init__(self):
        self.ﬁle = f"{f"{1}"}"
