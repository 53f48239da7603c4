#!/bin/sh
# Builds the server with the plugins given as arguments.
exec xbuild build "$SERVER_VERSION" "$@"
