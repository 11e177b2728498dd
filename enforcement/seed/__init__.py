"""Demo data of administrative enforcement (filled in by enforcement.seed.world)."""


def seed(scale: int, stdout) -> None:
    from .world import seed_world

    seed_world(scale, stdout)
