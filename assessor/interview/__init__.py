"""`assess new`: a guided interview that writes a case file (see session.run)."""
