//! Duration laws and the seeded table of drawn durations.
//!
//! Every random duration is drawn from its own stream, one ChaCha8 stream per
//! (stage, step), in item order. So the duration an item gets does not depend
//! on the order the engine happens to ask for it: changing a worker count, or
//! running the synchronous baseline, replays exactly the same jitter.
//!
//! Exponential and log-normal draws are inverse-CDF and Box–Muller on the
//! `libm` port, so they give the same bits on every platform, native and
//! wasm alike (and the browser bundle carries no ziggurat tables).

use rand::SeedableRng;
use rand::distr::{Distribution, StandardUniform, Uniform};
use rand_chacha::ChaCha8Rng;

use crate::limits::MAX_DURATION_MS;
use crate::time::{Micros, micros_from_ms};

/// A checked duration law, in microseconds.
#[derive(Clone, Debug)]
pub enum Law {
    /// Always the same.
    Fixed(Micros),
    /// Uniform in `[min, max)`; `min < max`.
    Uniform(Uniform<f64>),
    /// Exponential with this mean, µs.
    Exponential(f64),
    /// Log-normal over microseconds: `e^(mu + sigma·Z)`, Z standard normal.
    LogNormal {
        /// Mean of the logarithm (ln µs).
        mu: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
    },
    /// One value per item, the last repeating.
    PerItem(Vec<Micros>),
}

impl Law {
    /// Draws one value; only called for the random laws.
    fn draw(&self, rng: &mut ChaCha8Rng) -> Micros {
        let value = match self {
            Self::Fixed(d) => return *d,
            Self::PerItem(values) => return per_item(values, 0),
            Self::Uniform(law) => law.sample(rng),
            Self::Exponential(mean) => {
                let u: f64 = StandardUniform.sample(rng);
                -mean * libm::log1p(-u)
            }
            Self::LogNormal { mu, sigma } => {
                // Box–Muller: 1 − u₁ is in (0, 1], so its logarithm is finite.
                let u1: f64 = StandardUniform.sample(rng);
                let u2: f64 = StandardUniform.sample(rng);
                let radius = libm::sqrt(-2.0 * libm::log1p(-u1));
                let z = radius * libm::cos(std::f64::consts::TAU * u2);
                libm::exp(mu + sigma * z)
            }
        };
        clamp_micros(value)
    }
}

fn per_item(values: &[Micros], item: usize) -> Micros {
    values
        .get(item)
        .or_else(|| values.last())
        .copied()
        .unwrap_or(0)
}

/// Rounds a drawn duration in microseconds into the allowed range.
fn clamp_micros(value: f64) -> Micros {
    let max = micros_from_ms(MAX_DURATION_MS);
    if value.is_nan() || value <= 0.0 {
        0
    } else if value >= max as f64 {
        max
    } else {
        value.round() as Micros
    }
}

/// Lazily drawn durations of one scenario: `table[stage][step][item]`.
#[derive(Debug)]
pub struct DurationTable {
    streams: Vec<Vec<Stream>>,
}

#[derive(Debug)]
struct Stream {
    rng: ChaCha8Rng,
    drawn: Vec<Micros>,
}

impl DurationTable {
    /// A table for `steps_per_stage[s]` steps in stage `s`.
    pub fn new(seed: u64, steps_per_stage: impl IntoIterator<Item = usize>) -> Self {
        let streams = steps_per_stage
            .into_iter()
            .enumerate()
            .map(|(stage, steps)| {
                (0..steps)
                    .map(|step| Stream {
                        rng: stream_rng(seed, stage, step),
                        drawn: Vec::new(),
                    })
                    .collect()
            })
            .collect();
        Self { streams }
    }

    /// The duration of `law` at (stage, step) for `item`.
    pub fn get(&mut self, stage: usize, step: usize, item: usize, law: &Law) -> Micros {
        match law {
            Law::Fixed(d) => *d,
            Law::PerItem(values) => per_item(values, item),
            _ => {
                let Some(stream) = self.streams.get_mut(stage).and_then(|s| s.get_mut(step)) else {
                    return 0;
                };
                while stream.drawn.len() <= item {
                    let value = law.draw(&mut stream.rng);
                    stream.drawn.push(value);
                }
                stream.drawn[item]
            }
        }
    }
}

/// The stream of (stage, step): ChaCha8 keyed by the seed, one stream number each.
fn stream_rng(seed: u64, stage: usize, step: usize) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(((stage as u64) << 32) | step as u64);
    rng
}
