class C:
	def __init__(self):
		self.ﬁle = 0  # ligature fi
		self.b = \
			1
		x = f"{'a' + f'{1:>{2}}'}" ; self.c = (1,
  2)
		self.d = rb'\'' ; self.e = '''
class Fake:
    pass'''
		if True: self.g = 1
		else: self.g = 2
	async def later(self):
		match self:
			case _:
				self.m = 0
		type = 1
