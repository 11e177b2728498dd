"""Demo data of the litigation app (registered with core.registry.register_seeder)."""


def seed(scale: int, stdout) -> None:
    from .drive import run

    run(scale=scale, stdout=stdout)
