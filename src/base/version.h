#ifndef PARPACK_VERSION_H
#define PARPACK_VERSION_H
#define PP_VERSION "0.1.0"
#endif
