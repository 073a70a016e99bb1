//! Guided exercises as timelines of steps. (Being written.)
