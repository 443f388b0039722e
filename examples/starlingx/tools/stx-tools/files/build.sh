#!/bin/sh
echo building stx-tools "$@"
