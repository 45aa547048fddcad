//! The generator's own pseudo-random numbers: SplitMix64 to expand a seed, xoshiro256** to draw.
//!
//! Demo data must be byte-identical on every platform and with every crate version, so nothing
//! here comes from the `rand` crate (whose algorithms and sampling details may change between
//! releases) and nothing goes through `f64` transcendental functions (whose last bits differ
//! between libms). Only integer arithmetic and exactly rounded IEEE operations are used.

/// SplitMix64: the recommended way to turn one 64-bit seed into xoshiro state (and a decent
/// generator of its own for key derivation).
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) const fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna): fast, small state, good statistical quality.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// Seeds from a 64-bit value and a stream number, so independent streams (the data, the
    /// choice of broken rows) can be drawn from one user seed without disturbing each other.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut sm = SplitMix64::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let mut s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        if s == [0; 4] {
            // The all-zero state is the one fixed point; SplitMix64 never yields it in practice.
            s[0] = 1;
        }
        Self { s }
    }

    #[inline]
    pub(crate) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (Lemire's multiply-high; the bias for the small `n` used here is below
    /// 2^-40 and, more importantly, identical everywhere). `n == 0` gives 0.
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// `k` distinct indices out of `0..n`, in increasing order (partial Fisher–Yates).
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + self.index(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all.sort_unstable();
        all
    }

    /// Uniform index into a slice of length `n`.
    #[inline]
    pub(crate) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi` (`lo <= hi`).
    #[inline]
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)` with 53 random bits (exact, so comparisons are portable).
    #[inline]
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p` (`p <= 0` never, `p >= 1` always).
    #[inline]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// True with probability `per_10k / 10_000`, without floating point.
    #[inline]
    pub(crate) fn per_10k(&mut self, per_10k: u32) -> bool {
        self.below(10_000) < u64::from(per_10k)
    }

    /// A uniformly chosen element.
    #[inline]
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// A uniformly chosen element, by value.
    #[inline]
    pub(crate) fn choose<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An element of a list ordered by popularity: the first in 45% of draws, otherwise any
    /// (uniformly). `None` for an empty list.
    #[inline]
    pub(crate) fn leaning<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else if self.per_10k(4500) {
            Some(items[0])
        } else {
            Some(self.choose(items))
        }
    }

    /// A weighted choice from a small `(value, weight)` table, by linear scan. Tables that are
    /// used on every row are better served by [`Table`].
    pub(crate) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (v, w) in items {
            let w = u64::from(*w);
            if r < w {
                return *v;
            }
            r -= w;
        }
        items[items.len() - 1].0
    }

    /// Symmetric triangular value in `0..=2*half` peaking at `half` (sum of two uniforms), for
    /// "around this much" quantities without floating point.
    #[inline]
    pub(crate) fn triangular(&mut self, half: u64) -> u64 {
        self.below(half + 1) + self.below(half + 1)
    }
}

/// A weighted choice prepared once: cumulative weights and a binary search.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    cumulative: Vec<u64>,
}

impl Table {
    /// Builds from weights in order. Zero weights are allowed (never chosen); an all-zero or
    /// empty table always answers 0.
    pub(crate) fn new<I: IntoIterator<Item = u32>>(weights: I) -> Self {
        let mut sum = 0u64;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                sum += u64::from(w);
                sum
            })
            .collect();
        Self { cumulative }
    }

    /// Index of the chosen entry.
    #[inline]
    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0);
        if total == 0 {
            return 0;
        }
        let r = rng.below(total);
        // First index whose cumulative weight exceeds r.
        self.cumulative.partition_point(|&c| c <= r)
    }
}

/// A keyed permutation of `0..size` (a 4-round Feistel network on 26 bits with cycle walking):
/// the i-th lot number of a generator is `base + permute(i)`, so lot numbers look random yet
/// never repeat, without remembering the ones already handed out.
#[derive(Debug, Clone)]
pub(crate) struct Permutation {
    keys: [u64; 4],
    size: u32,
}

impl Permutation {
    const HALF_BITS: u32 = 13;
    const HALF_MASK: u32 = (1 << Self::HALF_BITS) - 1;

    /// `size` must be at most 2^26.
    pub(crate) fn new(seed: u64, size: u32) -> Self {
        let mut sm = SplitMix64::new(seed ^ 0x4C4F_545F_4E55_4D42);
        Self {
            keys: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()],
            size: size.min(1 << 26),
        }
    }

    pub(crate) const fn size(&self) -> u32 {
        self.size
    }

    fn round(&self, half: u32, key: u64) -> u32 {
        let mut z = u64::from(half) ^ key;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) as u32) & Self::HALF_MASK
    }

    fn encrypt(&self, x: u32) -> u32 {
        let mut left = (x >> Self::HALF_BITS) & Self::HALF_MASK;
        let mut right = x & Self::HALF_MASK;
        for &k in &self.keys {
            let next = left ^ self.round(right, k);
            left = right;
            right = next;
        }
        (left << Self::HALF_BITS) | right
    }

    /// The image of `i` (`i < size`); distinct inputs give distinct outputs.
    pub(crate) fn permute(&self, i: u32) -> u32 {
        // Cycle walking: re-encrypt until the value falls inside the range. The walk from an
        // in-range value always comes back into the range, so this terminates.
        let mut x = self.encrypt(i);
        while x >= self.size {
            x = self.encrypt(x);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_reference_values() {
        // State 1,2,3,4 is the reference vector of the xoshiro256** C implementation.
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, vec![11520, 0, 1509978240, 1215971899390074240]);
    }

    #[test]
    fn splitmix_reference_value() {
        // First output for seed 0 (published SplitMix64 test value).
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn streams_differ_and_repeat() {
        let a: Vec<u64> = {
            let mut r = Rng::new(42, 0);
            (0..8).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(42, 0);
            (0..8).map(|_| r.next_u64()).collect()
        };
        let c: Vec<u64> = {
            let mut r = Rng::new(42, 1);
            (0..8).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn bounded_draws_stay_in_range() {
        let mut r = Rng::new(7, 0);
        for _ in 0..10_000 {
            assert!(r.below(10) < 10);
            let x = r.range(5, 9);
            assert!((5..=9).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.triangular(3) <= 6);
        }
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn permutation_is_a_bijection() {
        let p = Permutation::new(9, 100_000);
        let mut seen = vec![false; 100_000];
        for i in 0..100_000 {
            let x = p.permute(i) as usize;
            assert!(!seen[x], "{i} collides");
            seen[x] = true;
        }
        let big = Permutation::new(9, 60_000_000);
        assert!((0..1000).all(|i| big.permute(i) < 60_000_000));
        assert_ne!(big.permute(0) + 1, big.permute(1));
    }

    #[test]
    fn table_follows_weights() {
        let t = Table::new([1, 0, 3]);
        let mut r = Rng::new(1, 0);
        let mut counts = [0u32; 3];
        for _ in 0..40_000 {
            counts[t.sample(&mut r)] += 1;
        }
        assert_eq!(counts[1], 0);
        let share = f64::from(counts[2]) / 40_000.0;
        assert!((share - 0.75).abs() < 0.02, "{share}");
        assert_eq!(Table::new([]).sample(&mut r), 0);
    }
}
