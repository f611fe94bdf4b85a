// The express4 alias (express@4) ships no types; Express 4's API is a subset of the typed v5 one
// as far as these tests use it.
declare module 'express4' {
  import express = require('express');
  export = express;
}
