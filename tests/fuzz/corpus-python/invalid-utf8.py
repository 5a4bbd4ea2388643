class C:
    x = "ÿ"
