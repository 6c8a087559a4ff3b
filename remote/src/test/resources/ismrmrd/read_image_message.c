/* Decodes one MRD IMAGE message (id 1022) with ISMRMRD's own C structures (libismrmrd-dev):
 * the header into ISMRMRD_ImageHeader, the data size from ismrmrd_size_of_image_data.
 * RemoteReconOnTheTwinTest compiles and runs it on what our server sends. */
#include <ismrmrd/ismrmrd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 3;
    uint16_t id;
    ISMRMRD_Image img;
    uint64_t attr_len;
    ismrmrd_init_image(&img);
    if (fread(&id, 2, 1, f) != 1 || fread(&img.head, sizeof(ISMRMRD_ImageHeader), 1, f) != 1
            || fread(&attr_len, 8, 1, f) != 1) return 4;
    size_t n = ismrmrd_size_of_image_data(&img);
    unsigned char *data = malloc(n + 1);
    size_t got = fread(data, 1, n + 1, f);
    uint32_t first;
    memcpy(&first, data, sizeof first);
    printf("id=%u header_size=%zu version=%u data_type=%u matrix=%u,%u,%u channels=%u slice=%u image_index=%u "
           "image_type=%u attribute_len=%llu attribute_string_len=%u data_bytes=%zu trailing=%zu first_bits=%08x\n",
           id, sizeof(ISMRMRD_ImageHeader), img.head.version, img.head.data_type, img.head.matrix_size[0],
           img.head.matrix_size[1], img.head.matrix_size[2], img.head.channels, img.head.slice, img.head.image_index,
           img.head.image_type, (unsigned long long) attr_len, img.head.attribute_string_len, n, got > n ? got - n : 0, (unsigned) first);
    free(data);
    return got >= n ? 0 : 5;
}
