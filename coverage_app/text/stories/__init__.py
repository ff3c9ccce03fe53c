"""Stories: which articles cover one event, and the story matrix of its remarks."""
