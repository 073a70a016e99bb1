//! The skill catalog. (Being written.)
