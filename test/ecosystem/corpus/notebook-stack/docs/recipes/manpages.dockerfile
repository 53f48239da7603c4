ARG BASE_IMAGE=quay.io/notebook/base-notebook
FROM $BASE_IMAGE

USER root

# `/etc/dpkg/dpkg.cfg.d/excludes` keeps man pages out of the image
# Remove it, then reinstall every package to get their docs
RUN rm /etc/dpkg/dpkg.cfg.d/excludes && \
    apt-get update --yes && \
    dpkg -l | grep ^ii | cut -d' ' -f3 | xargs apt-get install --yes --no-install-recommends --reinstall man && \
    apt-get clean && rm -rf /var/lib/apt/lists/*

USER ${NB_UID}
