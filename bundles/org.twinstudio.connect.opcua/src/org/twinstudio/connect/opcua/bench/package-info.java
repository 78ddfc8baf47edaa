/** Benchmarks of the OPC UA server: notification throughput and write round trips. */
package org.twinstudio.connect.opcua.bench;
