"""The lesson toolkit on the board: a sheet over the grid with a timer, a fair picker, a
group maker and the class goal, each tool a module of its own."""
