"""The avatars' catalogue: each drawn avatar's colours and parts (painted by avatars.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto


class Top(Enum):
    ROUND_EARS = auto()
    CAT_EARS = auto()
    HORNS = auto()
    ANTENNAE = auto()
    SPROUT = auto()
    TUFT = auto()
    UNICORN = auto()
    BUNNY_EARS = auto()


class Eyes(Enum):
    TWO = auto()
    ONE = auto()
    THREE = auto()
    SLEEPY = auto()
    HAPPY = auto()
    DOTS = auto()
    WINK = auto()


class Mouth(Enum):
    SMILE = auto()
    OPEN = auto()
    TOOTH = auto()
    FANG = auto()
    CAT = auto()


class Marks(Enum):
    NONE = auto()
    CHEEKS = auto()
    SPOTS = auto()
    BELLY = auto()


@dataclass(frozen=True)
class AvatarSpec:
    """One avatar: its colours (hex) and the parts drawn on it."""

    body: str
    background: str
    top: Top
    eyes: Eyes
    mouth: Mouth
    marks: Marks


CORAL, ORANGE, YELLOW, LIME = "#FF6B6B", "#FF9F1C", "#FFC83D", "#8BD346"
GREEN, TEAL, SKY, BLUE = "#2BB673", "#14B8A6", "#38BDF8", "#4F7CFF"
PURPLE, MAGENTA, PINK, CARAMEL = "#8B5CF6", "#D946EF", "#FF7EB3", "#C8864B"

_MINT_BG, _SKY_BG, _LAVENDER_BG, _PINK_BG = "#D4F5E7", "#D9EDFF", "#E9E3FF", "#FFE0EB"
_PEACH_BG, _LEMON_BG, _LEAF_BG = "#FFE4CC", "#FFF3C2", "#E1F6D3"

T, E, M, K = Top, Eyes, Mouth, Marks
SPECS: tuple[AvatarSpec, ...] = (
    AvatarSpec(CORAL, _MINT_BG, T.ROUND_EARS, E.TWO, M.OPEN, K.CHEEKS),
    AvatarSpec(ORANGE, _SKY_BG, T.HORNS, E.ONE, M.TOOTH, K.BELLY),
    AvatarSpec(YELLOW, _LAVENDER_BG, T.ANTENNAE, E.THREE, M.SMILE, K.SPOTS),
    AvatarSpec(LIME, _PINK_BG, T.CAT_EARS, E.HAPPY, M.CAT, K.CHEEKS),
    AvatarSpec(GREEN, _PEACH_BG, T.TUFT, E.TWO, M.FANG, K.BELLY),
    AvatarSpec(TEAL, _LEMON_BG, T.BUNNY_EARS, E.DOTS, M.OPEN, K.CHEEKS),
    AvatarSpec(SKY, _PEACH_BG, T.SPROUT, E.SLEEPY, M.SMILE, K.SPOTS),
    AvatarSpec(BLUE, _PINK_BG, T.UNICORN, E.WINK, M.OPEN, K.BELLY),
    AvatarSpec(PURPLE, _MINT_BG, T.HORNS, E.TWO, M.TOOTH, K.SPOTS),
    AvatarSpec(MAGENTA, _SKY_BG, T.ROUND_EARS, E.ONE, M.SMILE, K.CHEEKS),
    AvatarSpec(PINK, _LEAF_BG, T.ANTENNAE, E.DOTS, M.TOOTH, K.BELLY),
    AvatarSpec(CARAMEL, _SKY_BG, T.CAT_EARS, E.TWO, M.SMILE, K.CHEEKS),
    AvatarSpec(CORAL, _LAVENDER_BG, T.TUFT, E.THREE, M.OPEN, K.BELLY),
    AvatarSpec(ORANGE, _MINT_BG, T.BUNNY_EARS, E.SLEEPY, M.CAT, K.CHEEKS),
    AvatarSpec(YELLOW, _SKY_BG, T.HORNS, E.HAPPY, M.OPEN, K.SPOTS),
    AvatarSpec(LIME, _LAVENDER_BG, T.UNICORN, E.ONE, M.FANG, K.CHEEKS),
    AvatarSpec(GREEN, _PINK_BG, T.ANTENNAE, E.WINK, M.SMILE, K.SPOTS),
    AvatarSpec(TEAL, _PEACH_BG, T.ROUND_EARS, E.THREE, M.TOOTH, K.CHEEKS),
    AvatarSpec(SKY, _PINK_BG, T.CAT_EARS, E.ONE, M.OPEN, K.BELLY),
    AvatarSpec(BLUE, _PEACH_BG, T.SPROUT, E.DOTS, M.CAT, K.CHEEKS),
    AvatarSpec(PURPLE, _LEMON_BG, T.BUNNY_EARS, E.HAPPY, M.TOOTH, K.BELLY),
    AvatarSpec(MAGENTA, _MINT_BG, T.TUFT, E.SLEEPY, M.OPEN, K.SPOTS),
    AvatarSpec(PINK, _LAVENDER_BG, T.HORNS, E.WINK, M.FANG, K.NONE),
    AvatarSpec(CARAMEL, _MINT_BG, T.SPROUT, E.TWO, M.OPEN, K.SPOTS),
    AvatarSpec(CORAL, _SKY_BG, T.BUNNY_EARS, E.WINK, M.TOOTH, K.SPOTS),
    AvatarSpec(ORANGE, _LAVENDER_BG, T.SPROUT, E.THREE, M.SMILE, K.CHEEKS),
    AvatarSpec(YELLOW, _PINK_BG, T.ROUND_EARS, E.SLEEPY, M.OPEN, K.BELLY),
    AvatarSpec(LIME, _SKY_BG, T.ANTENNAE, E.TWO, M.TOOTH, K.BELLY),
    AvatarSpec(TEAL, _PINK_BG, T.HORNS, E.HAPPY, M.SMILE, K.SPOTS),
    AvatarSpec(SKY, _LEMON_BG, T.TUFT, E.DOTS, M.FANG, K.CHEEKS),
    AvatarSpec(PURPLE, _PEACH_BG, T.CAT_EARS, E.SLEEPY, M.SMILE, K.CHEEKS),
    AvatarSpec(CARAMEL, _LAVENDER_BG, T.UNICORN, E.THREE, M.OPEN, K.NONE),
)
del T, E, M, K

AVATAR_COUNT: int = len(SPECS)
