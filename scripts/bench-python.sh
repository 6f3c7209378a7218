#!/bin/sh
# The Python side of `npm run bench:graph` (issue 19): igraph and scipy from Debian's
# python3-igraph and python3-scipy, for Debian's own /usr/bin/python3. Installed here, by the
# bench, never by `npm test`. As root with apt-get they are installed when missing; otherwise
# the bench runs without them and says how to add them. Never fails the bench.
set -u
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c "import igraph, scipy, numpy" 2>/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "bench: installing python3-igraph and python3-scipy (Debian) for the graph references"
  apt-get install -y -qq --no-install-recommends python3-igraph python3-scipy >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 &&
      apt-get install -y -qq --no-install-recommends python3-igraph python3-scipy >/dev/null 2>&1; } ||
    echo "bench: apt-get could not install them; the graph bench runs without igraph"
else
  echo "bench: no igraph/scipy for $PY; as root: apt-get install python3-igraph python3-scipy"
fi
exit 0
