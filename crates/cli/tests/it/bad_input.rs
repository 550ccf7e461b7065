//! Bad input of every kind: each gets an error naming what is wrong, exit 1, and an unchanged store.
