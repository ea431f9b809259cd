"""The version, in a module of its own so that every stage can name it without importing the
package root (which loads the pipeline on first use)."""

__version__ = "0.1.0"
