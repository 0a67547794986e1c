"""Images in posts: metadata stripping and web-ready variants."""
