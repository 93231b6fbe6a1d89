/** JSONata for JSONata states: expressions in field values, and Step Functions' own functions. */
package dev.studiolifecycle.local.asl.jsonata;
