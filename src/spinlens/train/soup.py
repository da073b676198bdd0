"""Model soup: average the weights of several checkpoints of the joint English model (no training).

    python -m spinlens.train.soup OUT.pt IN1.pt IN2.pt [...]

Every input is a `state_dict` saved by `spinlens.train.joint_en` (same architecture, same keys); floating
tensors are averaged uniformly, other tensors are taken from the first input. The output has the same
format, so `spinlens.train.finalize_en OUT.pt --meta META ...` reads it like any epoch checkpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path


def average(paths: list[Path]) -> dict:
    """Uniform average of the floating tensors of the state dicts at `paths`."""
    import torch

    states = [torch.load(p, map_location="cpu") for p in paths]
    first = states[0]
    for path, state in zip(paths[1:], states[1:]):
        if set(state) != set(first) or any(state[k].shape != first[k].shape for k in first):
            raise ValueError(f"{path} does not match {paths[0]} (keys or shapes differ)")
    out = type(first)()
    for key, value in first.items():
        if value.is_floating_point():
            out[key] = (sum(s[key].double() for s in states) / len(states)).to(value.dtype)
        else:
            out[key] = value.clone()
    return out


def main(argv: list[str]) -> None:
    """Command line: OUT.pt followed by two or more input checkpoints."""
    import torch

    if len(argv) < 3:
        raise SystemExit("usage: python -m spinlens.train.soup OUT.pt IN1.pt IN2.pt [...]")
    out, inputs = Path(argv[0]), [Path(p) for p in argv[1:]]
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(average(inputs), out)
    print(f"{out}: average of {len(inputs)} checkpoints ({', '.join(map(str, inputs))})")


if __name__ == "__main__":
    main(sys.argv[1:])
