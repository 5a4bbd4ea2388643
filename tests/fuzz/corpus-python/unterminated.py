class C:
    x = "abc
