module.exports = require('../../jest.preset')({ testTimeout: 60_000 });
