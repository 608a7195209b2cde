#!/bin/sh
# section NAME: opens a section of this script's output, read in C# by
# Execution/SectionedOutput (a blank line, then @@NFSCINDER:NAME@@).
section() { printf '\n@@NFSCINDER:%s@@\n' "$1"; }
