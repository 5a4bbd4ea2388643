import dataclasses
from dataclasses import dataclass, field, KW_ONLY
from typing import ClassVar, Generic, TypeVar
from abc import ABC
T = TypeVar('T')
@dataclass
class P:
    x: int
    y: float = 0.0
    count: ClassVar[int] = 0
    tags: list = field(default_factory=list)
    def __post_init__(self):
        print(self)
@dataclasses.dataclass(slots=True, frozen=True, weakref_slot=True)
class Q(P, Generic[T]):
    _: KW_ONLY
    z: int = 0
class R(ABC):
    pass
class S[U](R):
    def method(self) -> 'S[U]':
        self.m = 0
        return self
