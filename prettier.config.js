// The Office add-in templates' Prettier settings.
module.exports = require('office-addin-prettier-config');
