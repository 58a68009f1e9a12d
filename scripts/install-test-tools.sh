#!/bin/sh
# What `npm test` needs besides npm packages, on Debian or Ubuntu: LibreOffice Calc (the cross-check and the
# print test), Chromium (the task-pane browser tests), openssl (a certificate for the HTTPS test), CJK fonts (legible Chinese in their screenshots and
# PDFs), Carlito and poppler-utils (the print test). Installs only what is missing, with sudo when not run as root. Called by `npm run test:full` and so by
# .ci/run.
set -eu

need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc"
if [ -z "${SHIFAN_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  # Debian packages Chromium as "chromium"; Ubuntu only as "chromium-browser" (which installs the snap).
  if grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null; then need="$need chromium-browser"; else need="$need chromium"; fi
fi
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need="$need fonts-noto-cjk"
# Calibri's metric twin: LibreOffice then lays out the generated sheets' pages as Excel does (the print test).
fc-list 2>/dev/null | grep -qi 'Carlito' || need="$need fonts-crosextra-carlito"
# pdftotext: the print test reads the PDF LibreOffice prints.
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
# `shifan serve`'s test makes a throwaway self-signed certificate with openssl.
command -v openssl >/dev/null 2>&1 || need="$need openssl"

if [ -z "$need" ]; then
  echo "LibreOffice, Chromium, fonts and poppler-utils are installed / 测试所需软件均已安装"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "需要 root 或 sudo 来安装：$need / root or sudo is needed to install:$need" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "没有 apt-get，请自行安装：$need / no apt-get here; install these yourself:$need" >&2
  exit 1
fi
echo "installing / 正在安装:$need"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into package names
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
