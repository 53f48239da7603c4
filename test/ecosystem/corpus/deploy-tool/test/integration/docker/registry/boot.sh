#!/bin/sh
while [ ! -f /certs/domain.crt ]; do echo "Waiting for certificates"; sleep 1; done
exec registry serve /etc/docker/registry/config.yml
