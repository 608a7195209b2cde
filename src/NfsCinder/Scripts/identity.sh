#!/bin/sh
# Who we are and how sudo behaves, in one round trip (Sessions/SessionFactory). No arguments.
# Prints the login's uid, then sudo-nopasswd, sudo-password or sudo-missing. -k ignores cached
# credentials, so the answer does not depend on an earlier sudo.
id -u
if command -v sudo >/dev/null 2>&1; then
  if sudo -n -k true >/dev/null 2>&1; then echo sudo-nopasswd; else echo sudo-password; fi
else
  echo sudo-missing
fi
