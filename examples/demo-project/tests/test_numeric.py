from __future__ import annotations

import math

import pytest

from minicalc.numeric import mandelbrot, nbody_advance, nbody_energy, primes_below

SOLAR_MASS = 4 * math.pi * math.pi
DAYS_PER_YEAR = 365.24


def solar_system() -> list[list[float]]:
    d, m = DAYS_PER_YEAR, SOLAR_MASS
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, m],
        [
            4.84143144246472090e00,
            -1.16032004402742839e00,
            -1.03622044471123109e-01,
            1.66007664274403694e-03 * d,
            7.69901118419740425e-03 * d,
            -6.90460016972063023e-05 * d,
            9.54791938424326609e-04 * m,
        ],
        [
            8.34336671824457987e00,
            4.12479856412430479e00,
            -4.03523417114321381e-01,
            -2.76742510726862411e-03 * d,
            4.99852801234917238e-03 * d,
            2.30417297573763929e-05 * d,
            2.85885980666130812e-04 * m,
        ],
        [
            1.28943695621391310e01,
            -1.51111514016986312e01,
            -2.23307578892655734e-01,
            2.96460137564761618e-03 * d,
            2.37847173959480950e-03 * d,
            -2.96589568540237556e-05 * d,
            4.36624404335156298e-05 * m,
        ],
        [
            1.53796971148509165e01,
            -2.59193146099879641e01,
            1.79258772950371181e-01,
            2.68067772490389322e-03 * d,
            1.62824170038242295e-03 * d,
            -9.51592254519715870e-05 * d,
            5.15138902046611451e-05 * m,
        ],
    ]
    px = sum(b[3] * b[6] for b in bodies)
    py = sum(b[4] * b[6] for b in bodies)
    pz = sum(b[5] * b[6] for b in bodies)
    bodies[0][3:6] = [-px / m, -py / m, -pz / m]
    return bodies


def test_nbody_conserves_energy() -> None:
    bodies = solar_system()
    before = nbody_energy(bodies)
    nbody_advance(bodies, 0.01, 60_000)
    after = nbody_energy(bodies)
    assert before == pytest.approx(-0.169075164, abs=1e-9)
    assert after == pytest.approx(before, rel=1e-3)


@pytest.mark.parametrize(
    ("size", "inside"),
    [
        pytest.param(120, 1450, id="120x60"),
        pytest.param(200, 3989, id="200x100"),
    ],
)
def test_mandelbrot_points_inside(size: int, inside: int) -> None:
    rows = mandelbrot(size, size // 2, 300)
    assert sum(n == 300 for row in rows for n in row) == inside


@pytest.mark.parametrize(
    ("limit", "count"),
    [
        pytest.param(10_000, 1229, id="1e4"),
        pytest.param(1_000_000, 78498, id="1e6"),
    ],
)
def test_prime_sieve(limit: int, count: int) -> None:
    assert len(primes_below(limit)) == count
