"""二次面接コーチ — practise second-interview answers in the terminal."""

__version__ = "0.1.0"
