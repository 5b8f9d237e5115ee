// SPDX-License-Identifier: GPL-2.0
/*
 * memhog - allocate and touch memory until the kernel stops it (seed 001's
 * `stress`): the OOM scenario's allocating task and top consumer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t chunk = 1 << 20, total = 0;

	for (;;) {
		char *p = malloc(chunk);

		if (!p) {
			fprintf(stderr, "memhog: malloc failed after %zu MiB\n",
				total >> 20);
			return 1;
		}
		memset(p, 0xa5, chunk);
		total += chunk;
	}
}
