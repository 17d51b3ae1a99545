/** An in-process single-node KRaft Kafka broker with its data under a directory of our choosing. */
package io.anju.kafka;
