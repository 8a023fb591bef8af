"""Demo comments for Example Borough: placeholder, replaced below."""


def load_demo() -> None:
    return None
