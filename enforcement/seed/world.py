def seed_world(scale, stdout):
    return None
