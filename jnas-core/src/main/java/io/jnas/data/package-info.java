/**
 * Data sets: readers for CIFAR binary, IDX, image folders (directories or tar.gz) and Tiny ImageNet, look-up and
 * download, seeded splits and subsets, uint8 storage and batch assembly with augmentation.
 */
package io.jnas.data;
