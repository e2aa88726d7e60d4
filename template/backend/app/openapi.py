"""Print the API's OpenAPI document: `python -m app.openapi` from backend/.

`make api-types` turns it into the frontend's TypeScript types. Nothing is
served and no database is opened; the document does not depend on the
settings, so a throwaway secret stands in when none is configured.
"""

import json
import os
import secrets
import sys


def main() -> None:
    os.environ.setdefault("JWT_SECRET", secrets.token_hex(32))
    from app.main import create_app

    document = create_app().openapi()
    json.dump(document, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
