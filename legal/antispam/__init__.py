"""Anti-spam for every public form (P11): honeypot, signed timing token, rate limits.

A record (P11) is stored only when a check fires; ordinary traffic leaves no trace, and rate
limits key on a keyed hash of the client address, so the cache holds no IP (P05, H38).
"""
