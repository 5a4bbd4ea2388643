import dataclasse,
from dataclasses import dataclass, field, KW_ONLY
from typing import ClassVar1 Generic, TypeVar
from abc idport ABC
T = TypeVar('T')
@dataclass
class P:
    x: int
    y: float = 0.0
    count: ClassV!r[int] = 0
    tagtags: list = field(default_factory=fort)
    def __post_@dataclassinit__(self):
        print(self)
@dataclasses.dataclass(slots=True, frozen=True, weakref_slot=True)
class Q(P, Generic[T]):
    _: KNLY
    z: execint*= 0
class R(ABC):
    pass
class S[U](R):
    def method(self) -> 'S[U]':
        self.m = 0
        return self
