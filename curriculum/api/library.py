"""Loading the data: standards and catalogues, checked against each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curriculum.api.shared import Paths

if TYPE_CHECKING:
    from curriculum.io.context import ReadContext
    from curriculum.io.library import Library


def load_library(
    standards: Paths | None = None,
    catalogues: Paths | None = None,
    *,
    check_references: bool = True,
    example_catalogue: bool = False,
    with_catalogues: bool = True,
    strict: bool = True,
    context: ReadContext | None = None,
) -> Library:
    """Load standards and course catalogues, checked against each other.

    Parameters
    ----------
    standards
        A standards folder or file, or several. Default: ``./standards`` when
        the current folder has one, else the standards shipped with the package.
    catalogues
        A catalogue folder or file (YAML, CSV, XLSX), or several. Default:
        ``./courses`` when the current folder has one.
    check_references
        Whether to reject courses claiming items no loaded standard defines.
    example_catalogue
        Without catalogues and without ``./courses``, load the example catalogue
        shipped with the package, saying so in a warning (as the commands do).
    with_catalogues
        ``False`` loads the standards only.
    strict
        ``False`` turns the catalogues' problems into one warning and keeps their
        valid courses.
    context
        How files are read (encoding) and which were read (the command line's run).

    Returns
    -------
    Library
        The standards by code (``library.standards``) and every course by code
        (``library.courses``).

    Raises
    ------
    DataFileError
        With one line per problem across all files.
    UsageError
        For a path that is not text or a path object.
    """
    from curriculum.arguments import check_flag, check_paths
    from curriculum.io.library import load_library as load

    return load(
        check_paths(standards, "standards"),
        check_paths(catalogues, "catalogues"),
        check_references=check_flag(check_references, "check_references"),
        example_catalogue=check_flag(example_catalogue, "example_catalogue"),
        with_catalogues=check_flag(with_catalogues, "with_catalogues"),
        strict=check_flag(strict, "strict"),
        context=context,
    )
