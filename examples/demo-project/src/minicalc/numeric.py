"""Numeric kernels in plain Python: the loops a JIT is meant for."""

from __future__ import annotations

import math

Body = list[float]  # x, y, z, vx, vy, vz, mass


def nbody_energy(bodies: list[Body]) -> float:
    energy = 0.0
    for i, (x, y, z, vx, vy, vz, m) in enumerate(bodies):
        energy += 0.5 * m * (vx * vx + vy * vy + vz * vz)
        for x2, y2, z2, _, _, _, m2 in bodies[i + 1 :]:
            energy -= m * m2 / math.sqrt((x - x2) ** 2 + (y - y2) ** 2 + (z - z2) ** 2)
    return energy


def nbody_advance(bodies: list[Body], dt: float, steps: int) -> None:
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    for _ in range(steps):
        for a, b in pairs:
            dx, dy, dz = a[0] - b[0], a[1] - b[1], a[2] - b[2]
            mag = dt / (dx * dx + dy * dy + dz * dz) ** 1.5
            a[3] -= dx * b[6] * mag
            a[4] -= dy * b[6] * mag
            a[5] -= dz * b[6] * mag
            b[3] += dx * a[6] * mag
            b[4] += dy * a[6] * mag
            b[5] += dz * a[6] * mag
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]


def mandelbrot(width: int, height: int, max_iter: int) -> list[list[int]]:
    rows = []
    for py in range(height):
        ci = (py / height) * 2.4 - 1.2
        row = []
        for px in range(width):
            cr = (px / width) * 3.2 - 2.2
            zr = zi = 0.0
            n = 0
            while n < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
                n += 1
            row.append(n)
        rows.append(row)
    return rows


def primes_below(limit: int) -> list[int]:
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\0\0"
    for i in range(2, int(limit**0.5) + 1):
        if sieve[i]:
            for j in range(i * i, limit, i):
                sieve[j] = 0
    return [i for i in range(limit) if sieve[i]]
